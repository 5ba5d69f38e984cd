import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, sendJson } from '../../shared/api/client.ts';

/** The warning rules and their thresholds per region (`src/modules/warnings/warnings.settings.routes.ts`). */

export type SettingSource = 'own' | 'inherited' | 'default';

export interface RuleSetting {
  key: string;
  label: string;
  min: number;
  max: number;
  default: number;
  value: number;
  source: SettingSource;
  sourceRegionCode: string | null;
  sourceRegionName: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface RuleView {
  code: string;
  name: string;
  class: string;
  severity: string;
  settings: RuleSetting[];
}

export interface RuleSettings {
  regionCode: string;
  regionName: string;
  rules: RuleView[];
}

const KEY = ['rule-settings'];

export function useRuleSettings() {
  return useQuery({ queryKey: KEY, queryFn: () => getJson<RuleSettings>('/api/rule-settings') });
}

const settingPath = (rule: string, key: string) =>
  `/api/rule-settings/${encodeURIComponent(rule)}/${encodeURIComponent(key)}`;

export function useSetRuleSetting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ rule, key, value }: { rule: string; key: string; value: number }) =>
      sendJson<RuleView>('PUT', settingPath(rule, key), { value }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useClearRuleSetting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ rule, key }: { rule: string; key: string }) =>
      sendJson<RuleView>('DELETE', settingPath(rule, key)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

/** Where a value in force comes from, in words. */
export function sourceText(setting: RuleSetting): string {
  if (setting.source === 'own') return '本区划设置';
  if (setting.source === 'inherited')
    return `沿用${setting.sourceRegionName ?? ''}（${setting.sourceRegionCode ?? ''}）的设置`;
  return '默认值';
}
