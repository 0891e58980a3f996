export * from './messageTypes';
export * from './closeCodes';
