export * from './auth';
export * from './sync';
export * from './forms';
