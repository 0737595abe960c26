/**
 * sharp (libvips), loaded on first use. A text-layer PDF never needs it, and loading it is
 * about a tenth of a second of a cold command (issue 14: load nothing the file does not need).
 */
import type sharpModule from 'sharp';

export type Sharp = typeof sharpModule;

let loading: Promise<Sharp> | undefined;

export function loadSharp(): Promise<Sharp> {
  return (loading ??= import('sharp').then((m) => m.default));
}
