import type { WorkspaceDto } from '@akkoord/domain';

/** A negotiation as the API returns it, for tests. */
export function sampleWorkspace(): WorkspaceDto {
  return {
    id: 'w_1',
    title: 'Prestatieafspraken Voorbeeldstad',
    municipality: 'Voorbeeldstad',
    period: '2026 – 2029',
    processFirst: false,
    parties: [
      { id: 'p_corp', name: 'Woonstede', kind: 'corporation', color: '#1d4ed8' },
      { id: 'p_gem', name: 'Gemeente', kind: 'municipality', color: '#b45309' },
      { id: 'p_hrd', name: 'Huurdersorganisatie', kind: 'tenants', color: '#047857' },
    ],
    members: [
      { userId: 'u_anna', name: 'Anna de Vries', role: 'facilitator', partyId: null },
      { userId: 'u_bram', name: 'Bram Bakker', role: 'negotiator', partyId: 'p_gem' },
      { userId: 'u_wim', name: 'Wim Wouters', role: 'negotiator', partyId: 'p_gem' },
      { userId: 'u_olga', name: 'Olga Oosting', role: 'observer', partyId: null },
    ],
    documents: [
      {
        id: 'd_notes_gem',
        kind: 'party-notes',
        title: 'Interne notities Gemeente',
        room: 'r3',
        partyId: 'p_gem',
      },
      { id: 'd_agr', kind: 'agreement', title: 'Prestatieafspraken', room: 'r2' },
      { id: 'd_proc', kind: 'process', title: 'Procesafspraken', room: 'r1' },
      {
        id: 'd_notes_hrd',
        kind: 'party-notes',
        title: 'Interne notities Huurdersorganisatie',
        room: 'r4',
        partyId: 'p_hrd',
      },
    ],
  };
}
