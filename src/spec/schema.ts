/**
 * The brief spec language: the one source of truth for what editors may write in
 * `briefs/*.yaml`. Validation, defaults and (later) the JSON Schema for editors all come
 * from these definitions.
 */
import { z } from 'zod';

const positiveInt = z.number().int().positive();

export const ExcerptSpec = z.strictObject({
  /** Release id, as listed by `briefpack releases`. */
  release: z.string().min(1),
  /** One paragraph number or a list of them (numbered from 1, headline excluded). */
  paragraphs: z.union([positiveInt, z.array(positiveInt).min(1)], { error: 'expected a paragraph number (1, 2 …) or a list of them, such as [1, 3]' }),
});

/** `<release id>/<fact id>`. */
export const FactRef = z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'a fact is written "<release id>/<fact id>"');

export const SectionSpec = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and "-"').optional(),
  heading: z.string().min(1),
  /** Editor-written text shown before the excerpts. */
  text: z.string().optional(),
  excerpts: z.array(ExcerptSpec).optional(),
  facts: z.array(FactRef).optional(),
});

export const BriefSpec = z.strictObject({
  title: z.string().min(1),
  subtitle: z.string().default(''),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD'),
  classification: z.string().min(1),
  author: z.string().default(''),
  /** Language of fixed words such as "Contents" and "Source". */
  labels: z.enum(['en', 'zh']).default('en'),
  /** Script for Chinese text. */
  script: z.enum(['zh-Hant']).default('zh-Hant'),
  template: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a template name (lowercase letters, digits, "-")').default('standard'),
  paper: z.enum(['A4', 'Letter']).default('A4'),
  summary: z.string().optional(),
  sections: z.array(SectionSpec).min(1),
});

export type BriefSpec = z.infer<typeof BriefSpec>;
export type SectionSpec = z.infer<typeof SectionSpec>;
export type ExcerptSpec = z.infer<typeof ExcerptSpec>;
