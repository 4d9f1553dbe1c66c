export { redact } from '../model/redact.js';
