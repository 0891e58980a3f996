export * from './workspace';
export * from './themes';
export * from './clause';
export * from './schemaNames';
export * from './read';
export * from './templates';
export * from './ledger';
export * from './export';
