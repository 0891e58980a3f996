import { loadConfig } from './config';
import { AppError } from './errors';
import { buildServer } from './server';

/**
 * `pnpm demo`: seeds the demo negotiation "Prestatieafspraken Voorbeeldstad" (a facilitator,
 * one negotiator per party and a planned first meeting) into DATA_DIR and prints the logins. Running it again only prints.
 * Demo data exists only when someone runs this.
 */
const PASSWORD = 'akkoord-demo-2026';
const people = [
  { email: 'procesbegeleider@voorbeeldstad.test', name: 'Pim Procesbegeleider', party: null },
  { email: 'corporatie@voorbeeldstad.test', name: 'Carla Corporatie', party: 'corporation' },
  { email: 'gemeente@voorbeeldstad.test', name: 'Gert Gemeente', party: 'municipality' },
  { email: 'huurders@voorbeeldstad.test', name: 'Hanna Huurders', party: 'tenants' },
] as const;

async function seed(): Promise<void> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
  const server = buildServer(config);
  try {
    const { accounts, workspaces } = server;
    const existing = await accounts
      .login({ email: people[0].email, password: PASSWORD }, 'demo')
      .catch(() => null);
    if (!existing) {
      const facilitator = await accounts.register(
        { ...people[0], password: PASSWORD },
        'pnpm demo',
      );
      const ws = await workspaces.create(facilitator.user.id, {
        title: 'Prestatieafspraken Voorbeeldstad',
        municipality: 'Voorbeeldstad',
        period: '2027–2030',
      });
      for (const p of people.slice(1)) {
        const party = ws.parties.find((x) => x.kind === p.party)!;
        const user = await accounts
          .register({ email: p.email, name: p.name, password: PASSWORD }, 'pnpm demo')
          .catch((err: unknown) => {
            throw err instanceof AppError && err.code === 'conflict'
              ? new Error(
                  `${p.email} already exists in ${config.dataDir}; use another DATA_DIR for the demo`,
                )
              : err;
          });
        const inv = await workspaces.invite(facilitator.user.id, ws.id, {
          role: 'negotiator',
          partyId: party.id,
          expiresInHours: 1,
          maxUses: 1,
        });
        await workspaces.acceptInvitation(user.user.id, inv.token);
      }
      // A first meeting to try facilitator mode with: start it from "Vergaderingen".
      const nextWeek = new Date(Date.now() + 7 * 24 * 3600 * 1000);
      nextWeek.setUTCHours(18, 30, 0, 0);
      await server.meetings.create(facilitator.user.id, ws.id, {
        title: 'Eerste bestuurlijk overleg',
        scheduledFor: nextWeek.toISOString(),
        items: [
          { title: 'Procesafspraken vaststellen', timeboxMinutes: 30 },
          { title: 'Nieuwbouw en betaalbaarheid', theme: 'beschikbaarheid', timeboxMinutes: 45 },
          { title: 'Rondvraag en parkeerplaats', timeboxMinutes: 15 },
        ],
      });
    }
    const lines = [
      '',
      'Demo: "Prestatieafspraken Voorbeeldstad" staat klaar. Log in met een van deze accounts',
      `(wachtwoord voor allemaal: ${PASSWORD}):`,
      ...people.map((p) => `  ${p.email.padEnd(38)} ${p.name}`),
      '',
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    await server.shutdown();
  }
}

seed().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
