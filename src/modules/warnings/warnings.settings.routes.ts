import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../shared/http.ts';
import { callerOf } from '../auth/auth.plugin.ts';
import { createRuleSettingsService, type SettingsDeps } from './warnings.settings.ts';

const settingSchema = z.object({
  key: z.string().describe('设置项'),
  label: z.string().describe('设置项名称'),
  min: z.number().int().describe('允许的最小值'),
  max: z.number().int().describe('允许的最大值'),
  default: z.number().int().describe('默认值（RULES.md）'),
  value: z.number().int().describe('本区划现行值'),
  source: z
    .enum(['own', 'inherited', 'default'])
    .describe('own 本区划设置、inherited 沿用上级区划、default 默认值'),
  sourceRegionCode: z.string().nullable().describe('现行值所属区划（本区划或上级）；默认值为空'),
  sourceRegionName: z.string().nullable(),
  updatedAt: z.string().nullable().describe('该值的设置时间'),
  updatedBy: z.string().nullable().describe('该值的设置人'),
});

const ruleSchema = z.object({
  code: z.string().describe('规则代码'),
  name: z.string().describe('规则名称'),
  class: z.string().describe('类别'),
  severity: z.string().describe('严重程度'),
  settings: z.array(settingSchema).describe('可按区划设置的阈值；多数规则没有'),
});

const settingParams = z.object({
  rule: z.string().min(1).max(64).describe('规则代码'),
  key: z.string().min(1).max(64).describe('设置项'),
});

export const ruleSettingsRoutes: FastifyPluginAsyncZod<SettingsDeps> = async (app, deps) => {
  const service = createRuleSettingsService(deps);

  app.get(
    '/api/rule-settings',
    {
      config: { access: ['register.read'] },
      schema: {
        tags: ['warnings'],
        summary: '预警规则及本区划的阈值设置（本区划设置、沿用上级或默认值）',
        response: {
          200: z.object({
            regionCode: z.string(),
            regionName: z.string(),
            rules: z.array(ruleSchema),
          }),
          ...errorResponses,
        },
      },
    },
    (request) => service.read(callerOf(request).scope.regionCode),
  );

  app.put(
    '/api/rule-settings/:rule/:key',
    {
      config: { access: ['register.write'] },
      schema: {
        tags: ['warnings'],
        summary: '为本区划设置规则阈值（下级区划未单独设置的随之沿用）',
        params: settingParams,
        body: z.object({ value: z.number().int({ error: '应为整数' }).describe('阈值') }),
        response: { 200: ruleSchema, ...errorResponses },
      },
    },
    (request) => service.set(callerOf(request), request.params.rule, request.params.key, request.body.value),
  );

  app.delete(
    '/api/rule-settings/:rule/:key',
    {
      config: { access: ['register.write'] },
      schema: {
        tags: ['warnings'],
        summary: '取消本区划的阈值设置（恢复沿用上级区划或默认值）',
        params: settingParams,
        response: { 200: ruleSchema, ...errorResponses },
      },
    },
    (request) => service.clear(callerOf(request), request.params.rule, request.params.key),
  );
};
