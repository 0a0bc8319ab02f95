/**
 * The product's own schemas for the files whose format it defines or that no public schema covers:
 * the registry policy (this product's format) and MLflow's MLproject (MLflow documents it in prose
 * only). Every generated one is parsed against them before it is written.
 */
import { z } from 'zod';

const parameter = z.strictObject({
  type: z.enum(['string', 'float', 'path', 'uri']),
  default: z.union([z.string(), z.number()]).optional(),
});

/** MLflow's MLproject: a name, one environment, and entry points with typed parameters and a command. */
export const mlProjectSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z][a-z0-9-]*$/),
    python_env: z.string().optional(),
    conda_env: z.string().optional(),
    docker_env: z.strictObject({ image: z.string() }).optional(),
    entry_points: z
      .record(
        z.string().regex(/^[a-z][a-z0-9_]*$/),
        z.strictObject({
          parameters: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), parameter).optional(),
          command: z.string().min(1),
        }),
      )
      .refine((points) => 'main' in points, 'an MLproject needs a main entry point'),
  })
  .refine(
    (project) => [project.python_env, project.conda_env, project.docker_env].filter(Boolean).length === 1,
    'an MLproject names exactly one environment (python_env, conda_env or docker_env)',
  )
  .superRefine((project, context) => {
    // Every {placeholder} a command uses is a declared parameter: MLflow would fail the run otherwise.
    for (const [name, point] of Object.entries(project.entry_points))
      for (const [, used = ''] of point.command.matchAll(/\{(\w+)\}/g))
        if (!point.parameters || !(used in point.parameters))
          context.addIssue({
            code: 'custom',
            path: ['entry_points', name, 'command'],
            message: `uses {${used}}, which is not one of its parameters`,
          });
  });

export const pythonEnvSchema = z.strictObject({
  python: z.string().regex(/^3\.\d+$/),
  build_dependencies: z.array(z.string()).optional(),
  dependencies: z.array(z.string().regex(/^[A-Za-z0-9_.[\]-]+(?:[<>=!~]=?[^,\s]+(?:,[<>=!~]=?[^,\s]+)*)?$/)),
});

const ALIAS = /^[a-z][a-z0-9_]*$/;

/** The registry policy: registered models per environment, aliases, required tags, promotion. */
export const registryPolicySchema = z
  .strictObject({
    version: z.literal(1),
    registry: z.literal('mlflow'),
    environments: z
      .array(z.strictObject({ name: z.enum(['staging', 'production']), registered_model: z.string().min(1) }))
      .min(1),
    aliases: z.array(z.strictObject({ name: z.string().regex(ALIAS), means: z.string().min(1) })).min(2),
    required_tags: z
      .array(
        z.strictObject({
          key: z.string().regex(/^[a-z][a-z0-9_]*$/),
          means: z.string().min(1),
          values: z.array(z.string()).optional(),
          required_in: z.array(z.enum(['staging', 'production'])).min(1),
        }),
      )
      .min(1),
    promotion: z
      .array(
        z.strictObject({
          step: z.string().min(1),
          from: z.string().min(1),
          to: z.string().min(1),
          requires: z.array(z.string().min(1)),
          command: z.string().min(1),
        }),
      )
      .min(1),
    retention: z.strictObject({ keep_versions: z.number().int().min(2), older: z.string().min(1) }),
  })
  .superRefine((policy, context) => {
    const aliases = new Set(policy.aliases.map((alias) => alias.name));
    for (const required of ['champion', 'challenger'])
      if (!aliases.has(required))
        context.addIssue({ code: 'custom', path: ['aliases'], message: `the @${required} alias is missing` });
    if (JSON.stringify(policy).match(/"(?:Staging|Production|Archived)"/))
      context.addIssue({
        code: 'custom',
        path: [],
        message: 'names a registry stage: stages are deprecated since MLflow 2.9, use aliases and tags',
      });
  });
