// Storybook 10's vitest plugin applies .storybook/preview.tsx (and the React renderer) by itself, unless
// this file applies project annotations on its own: keep it free of that call (and of its name, which the
// plugin looks for as text). The file stays so vite.config.ts has one place for browser-only test set-up.
export {};
