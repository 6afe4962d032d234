import type { vi } from './vi';

/** Every UI string key; Vietnamese defines them, English must match exactly. */
export type MessageKey = keyof typeof vi;
export type Messages = Record<MessageKey, string>;
export type MessageParams = Record<string, string | number>;
