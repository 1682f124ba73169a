/** Worker entry: the app over the site that `npm run build` rendered from content/. */
import { createApp } from './app.ts';
import build from './generated/site-build.js';

export default createApp(build);
