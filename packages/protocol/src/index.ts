export * from './messageTypes';
export * from './closeCodes';
export * from './errorCodes';
