import { lazy } from 'react';

/**
 * Tiptap and Yjs are most of the bundle; the start page does not need them. They are fetched
 * right after the first render (see StartPage) so opening a document is still instant, and
 * the module is already in memory if the connection drops later.
 */
export const loadOpenDocument = () => import('./OpenDocument');

export const LazyOpenDocument = lazy(() =>
  loadOpenDocument().then((module) => ({ default: module.OpenDocument })),
);
