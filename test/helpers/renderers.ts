/**
 * The renderers as every renderer test calls them: each call checks that the renderer left
 * the document model exactly as it got it (DESIGN §2: renderers never mutate their input).
 * A mutation anywhere in the tree fails the test that caused it, with the path of the change.
 */
import { expect } from 'vitest';
import type { DocumentModel } from '../../src/model/model.js';
import { renderDocx as realRenderDocx } from '../../src/render/docx/index.js';
import { buildDocDefinition as realBuildDocDefinition, renderPdf as realRenderPdf } from '../../src/render/pdf/index.js';

/** Wraps a function of the model so that it fails when the call changes the model. */
export function withoutMutation<A extends unknown[], R>(name: string, fn: (model: DocumentModel, ...rest: A) => R): (model: DocumentModel, ...rest: A) => R {
  return (model, ...rest) => {
    const before = structuredClone(model);
    const check = () => expect(model, `${name} mutated the document model`).toStrictEqual(before);
    const result = fn(model, ...rest);
    if (result instanceof Promise) return result.then((r) => (check(), r)) as R;
    check();
    return result;
  };
}

export const renderDocx = withoutMutation('renderDocx', realRenderDocx);
export const renderPdf = withoutMutation('renderPdf', realRenderPdf);
export const buildDocDefinition = withoutMutation('buildDocDefinition', realBuildDocDefinition);
