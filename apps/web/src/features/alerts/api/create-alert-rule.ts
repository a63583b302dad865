import { type AlertRuleInput, alertRuleResponseSchema } from '@callboard/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';

export function createAlertRule(input: AlertRuleInput) {
  return fetchJson('/api/alert-rules', alertRuleResponseSchema, {
    method: 'POST',
    body: JSON.stringify(input),
  });
}

export function useCreateAlertRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAlertRule,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['alert-rules'] }),
        queryClient.invalidateQueries({ queryKey: ['alerts'] }),
      ]),
  });
}
