export * from './auth';
export * from './sync';
