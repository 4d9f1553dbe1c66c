// Imported first by entry.ts (the process entry), before anything loads React: react and react-dom pick their
// production build from NODE_ENV when they are first loaded, and the development build renders `scan -o html`
// several times slower (bench/README.md, "HTML report"). A NODE_ENV the user set is kept.
if (!process.env.NODE_ENV) process.env.NODE_ENV = 'production';
export {};
