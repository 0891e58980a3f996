import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One registry per server instance (not prom-client's global), so several servers can live in
 * one test process without sharing counters.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly connections = new Gauge({
    name: 'akkoord_ws_connections',
    help: 'Open sync connections',
    registers: [this.registry],
  });
  readonly loadedDocuments = new Gauge({
    name: 'akkoord_documents_loaded',
    help: 'Documents held in memory',
    registers: [this.registry],
  });
  readonly documentLoads = new Counter({
    name: 'akkoord_document_loads_total',
    help: 'Document loads from storage, by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly updatesIn = new Counter({
    name: 'akkoord_updates_in_total',
    help: 'Document updates accepted from clients',
    registers: [this.registry],
  });
  readonly updatesOut = new Counter({
    name: 'akkoord_updates_out_total',
    help: 'Document update messages sent to clients',
    registers: [this.registry],
  });
  readonly updatesRefused = new Counter({
    name: 'akkoord_updates_refused_total',
    help: 'Document updates refused, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly persistLatency = new Histogram({
    name: 'akkoord_persist_seconds',
    help: 'Time to durably append one batch of updates',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly fanoutLatency = new Histogram({
    name: 'akkoord_fanout_seconds',
    help: 'Time from receiving an update until it was handed to every connection of the room',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly stateEncodings = new Counter({
    name: 'akkoord_state_encodings_total',
    help: 'Sync step 2 answers encoded: full (shared between new joiners) or diff',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly closes = new Counter({
    name: 'akkoord_ws_closes_total',
    help: 'Sync connections closed by the server, by close code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly compactions = new Counter({
    name: 'akkoord_compactions_total',
    help: 'Document log compactions, by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
  }
}
