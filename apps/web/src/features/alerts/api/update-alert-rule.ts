import { type AlertRulePatch, alertRuleResponseSchema } from '@callboard/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';

export function updateAlertRule({ id, patch }: { id: number; patch: AlertRulePatch }) {
  return fetchJson(`/api/alert-rules/${id}`, alertRuleResponseSchema, {
    method: 'PATCH',
    body: JSON.stringify(patch),
  });
}

export function useUpdateAlertRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAlertRule,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['alert-rules'] }),
        queryClient.invalidateQueries({ queryKey: ['alerts'] }),
      ]),
  });
}
