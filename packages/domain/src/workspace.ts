import { z } from 'zod';

/** Shapes of the workspace API, shared so web forms validate exactly as the server does. */

export const PartyKind = z.enum(['corporation', 'municipality', 'tenants', 'other']);
export type PartyKind = z.infer<typeof PartyKind>;

export const Role = z.enum(['facilitator', 'negotiator', 'observer']);
export type Role = z.infer<typeof Role>;

export const DocumentKind = z.enum(['process', 'agreement', 'party-notes']);
export type DocumentKind = z.infer<typeof DocumentKind>;

/**
 * Unpaired UTF-16 surrogates have no UTF-8 form: stored, they would come back as U+FFFD, and
 * passwords differing only in them would hash alike. Refused rather than silently changed.
 */
const LONE_SURROGATE = /\p{Cs}/u;
const wellFormed = (s: string) => !LONE_SURROGATE.test(s);
const WELL_FORMED = { message: 'contains an invalid character' };
const text = (max: number) => z.string().trim().min(1).max(max).refine(wellFormed, WELL_FORMED);
const optionalText = (max: number) =>
  z.string().trim().max(max).refine(wellFormed, WELL_FORMED).optional();
export const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/);

export const RegisterBody = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  password: z.string().min(10).max(200).refine(wellFormed, WELL_FORMED),
  name: text(100),
});
export const LoginBody = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(200).refine(wellFormed, WELL_FORMED),
});

export const PartyInput = z.object({
  name: text(100),
  kind: PartyKind,
  color: HexColor.optional(),
});

export const CreateWorkspaceBody = z.object({
  title: text(200),
  municipality: optionalText(100),
  period: optionalText(50),
  parties: z.array(PartyInput).max(12).optional(),
  /**
   * Process first (GATE-1): the agreement stays read-only for negotiators until the parties
   * consented to the process agreements. The API defaults to false (the original contract);
   * the web form sends true.
   */
  processFirst: z.boolean().optional(),
});
export const UpdateWorkspaceBody = z
  .object({
    title: text(200).optional(),
    municipality: optionalText(100),
    period: optionalText(50),
    processFirst: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });

export const CreateInvitationBody = z
  .object({
    role: Role,
    partyId: z.string().min(1).max(64).optional(),
    expiresInHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(24 * 7),
    maxUses: z.number().int().min(1).max(100).default(1),
  })
  .refine((b) => (b.role === 'negotiator') === (b.partyId !== undefined), {
    message: 'a negotiator invitation needs a partyId, other roles none',
    path: ['partyId'],
  });

export const UpdateMemberBody = z
  .object({ role: Role, partyId: z.string().min(1).max(64).optional() })
  .refine((b) => (b.role === 'negotiator') === (b.partyId !== undefined), {
    message: 'a negotiator needs a partyId, other roles none',
    path: ['partyId'],
  });

export interface UserDto {
  id: string;
  email: string;
  name: string;
}
export interface PartyDto {
  id: string;
  name: string;
  kind: PartyKind;
  color: string;
}
export interface MemberDto {
  userId: string;
  name: string;
  role: Role;
  partyId: string | null;
}
export interface DocumentDto {
  id: string;
  kind: DocumentKind;
  title: string;
  room: string;
  partyId?: string;
}
export interface WorkspaceDto {
  id: string;
  title: string;
  municipality: string;
  period: string;
  /** The agreement is read-only for negotiators until the process gate opens (GATE-1). */
  processFirst: boolean;
  parties: PartyDto[];
  members: MemberDto[];
  documents: DocumentDto[];
}
export interface WorkspaceSummaryDto {
  id: string;
  title: string;
  municipality: string;
  period: string;
  role: Role;
  partyId: string | null;
  /** My party in this workspace (negotiators), so a list can show its name and colour. */
  party: PartyDto | null;
}

/** Calm, distinguishable party colours (WCAG AA on white as text), assigned in this order. */
export const PARTY_COLORS = [
  '#1d4ed8',
  '#b45309',
  '#047857',
  '#7c3aed',
  '#be123c',
  '#0e7490',
  '#4d7c0f',
  '#a21caf',
];

/** The three parties every negotiation starts with; names are Dutch because the documents are. */
export const DEFAULT_PARTIES: { name: string; kind: PartyKind }[] = [
  { name: 'Woningcorporatie', kind: 'corporation' },
  { name: 'Gemeente', kind: 'municipality' },
  { name: 'Huurdersorganisatie', kind: 'tenants' },
];
