import { reactive, readonly } from 'vue';

export type MessageType = 'error' | 'success' | 'info';

export interface Message {
  id: number;
  type: MessageType;
  text: string;
}

const state = reactive<{ messages: Message[] }>({ messages: [] });
let nextId = 1;

function remove(id: number): void {
  const index = state.messages.findIndex((message) => message.id === id);
  if (index !== -1) state.messages.splice(index, 1);
}

function show(type: MessageType, text: string, durationMs = 4000): number {
  // The same text twice in a row (e.g. several requests failing at once) shows once.
  const same = state.messages.find((message) => message.type === type && message.text === text);
  if (same) return same.id;
  const id = nextId++;
  state.messages.push({ id, type, text });
  if (durationMs > 0) setTimeout(() => remove(id), durationMs);
  return id;
}

/** Toast messages, rendered once by `app-messages.vue`. */
export function useMessage() {
  return {
    messages: readonly(state).messages,
    error: (text: string, durationMs?: number) => show('error', text, durationMs),
    success: (text: string, durationMs?: number) => show('success', text, durationMs),
    info: (text: string, durationMs?: number) => show('info', text, durationMs),
    remove,
    clear: () => state.messages.splice(0),
  };
}
