export * from './settings';
export * from './units';
export * from './enterprises';
export * from './divisions';
export * from './sync';
export * from './directory';
export * from './directory-work';
export * from './review';
