// Storybook 10's vitest plugin applies .storybook/preview.tsx by itself (calling setProjectAnnotations here
// would apply it twice). This file stays so that vite.config.ts has one place for browser-only test set-up.
export {};
