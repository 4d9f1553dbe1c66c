// The shared components' stylesheet, provided by ui/vite.config.ts (kitCss).
declare module 'virtual:kit.css';
