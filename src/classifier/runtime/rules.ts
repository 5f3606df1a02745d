/** Legal-authority overrides and the emergency guard, configured as data (data/classifier/rules.json). */
import { z } from 'zod';

const regexString = z.string().refine((source) => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

const overrideSchema = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  whenTop: z.array(z.string()).min(1),
  patterns: z.array(regexString).min(1),
  unless: z.array(regexString).default([]),
  requireForTop: z.record(z.string(), z.array(regexString)).default({}),
  reason: z.string().min(1),
});

/** Schema of rules.json (also embedded in every saved model). */
export const rulesSchema = z.object({
  description: z.string().optional(),
  overrides: z.array(overrideSchema),
  emergency: z.object({
    label: z.string().min(1),
    blockedLabel: z.string().min(1),
    minProbability: z.number().min(0).max(1),
    keywords: z.array(regexString),
    reason: z.string().min(1),
  }),
});

/** Parsed rules.json. */
export type RulesConfig = z.infer<typeof rulesSchema>;

/** Rules with their regular expressions compiled once. */
export interface CompiledRules {
  config: RulesConfig;
  overrides: {
    rule: RulesConfig['overrides'][number];
    patterns: RegExp[];
    unless: RegExp[];
    requireForTop: Map<string, RegExp[]>;
  }[];
  emergencyKeywords: RegExp[];
}

const compile = (sources: readonly string[]): RegExp[] => sources.map((source) => new RegExp(source));
const anyMatch = (patterns: readonly RegExp[], text: string): boolean => patterns.some((re) => re.test(text));

/** Validates and compiles a rules object (throws a ZodError naming the bad field). */
export function compileRules(input: unknown): CompiledRules {
  const config = rulesSchema.parse(input);
  return {
    config,
    overrides: config.overrides.map((rule) => ({
      rule,
      patterns: compile(rule.patterns),
      unless: compile(rule.unless),
      requireForTop: new Map(Object.entries(rule.requireForTop).map(([label, list]) => [label, compile(list)])),
    })),
    emergencyKeywords: compile(config.emergency.keywords),
  };
}

/** A rule's decision: the label the law assigns, why, and the labels whose probability mass it inherits. */
export interface OverrideDecision {
  id: string;
  label: string;
  reason: string;
  family: readonly string[];
}

/**
 * First override whose family contains the model's top label and whose patterns match `text` (the
 * normalised, space-joined tokens). The rule only re-assigns authority within a topic the model already
 * chose; it never turns, say, a flood report into a school complaint because a school is mentioned.
 */
export function findOverride(rules: CompiledRules, text: string, topLabel: string): OverrideDecision | null {
  for (const { rule, patterns, unless, requireForTop } of rules.overrides) {
    if (!rule.whenTop.includes(topLabel)) continue;
    if (!anyMatch(patterns, text) || anyMatch(unless, text)) continue;
    const required = requireForTop.get(topLabel);
    if (required && !anyMatch(required, text)) continue;
    return { id: rule.id, label: rule.label, reason: rule.reason, family: rule.whenTop };
  }
  return null;
}

/** The first emergency keyword found in `text`, or null. */
export function findEmergencyKeyword(rules: CompiledRules, text: string): string | null {
  const hit = rules.emergencyKeywords.find((re) => re.test(text));
  return hit ? hit.source.replace(/\\b/g, '') : null;
}
