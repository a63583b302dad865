// Alert rules, their current state, their state changes (events) and the evaluated values (samples), in the
// app state (SQLite or the PostgreSQL every replica shares), through the same Kysely layer as users and
// sessions. A state change is written only where the state's `seq` still has the value the evaluator read:
// replicas evaluating at once record each change once, and queue its deliveries in the same transaction.
import type { AlertKind, AlertState, EvaluationStatus } from '@callboard/contracts';
import type { Selectable } from 'kysely';
import {
  type AppStateDb,
  type AppStateTables,
  type AppStateTransaction,
  countRows,
} from '../app-state/app-state-db.js';
import type { AlertRuleDefinition } from './rule-math.js';

/** What one evaluation measured, as kept with the state and each event (amounts and values as decimal text). */
export interface ObservationRecord {
  status: EvaluationStatus;
  value: string | null;
  calls: number | null;
  window: { from: number; to: number } | null;
  missing: Array<{ from: string; to: string }>;
  /** The quality threshold, the spend rule's amount or the budget. */
  threshold: string | null;
  currency: string | null;
  budget: { spent: string; forecast: string; percentUsed: string; monthFrom: number; monthTo: number } | null;
  tz: string;
}

export interface StoredRule {
  id: number;
  name: string;
  kind: AlertKind;
  definition: AlertRuleDefinition;
  enabled: boolean;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
  state: StoredState;
}

export interface StoredState {
  state: AlertState;
  level: string | null;
  since: number;
  seq: number;
  status: EvaluationStatus;
  evaluatedAt: number | null;
  observation: ObservationRecord | null;
}

export interface StoredEvent {
  id: number;
  ruleId: number;
  seq: number;
  ruleName: string;
  metric: AlertRuleDefinition['metric'];
  kind: AlertKind;
  state: AlertState;
  previousState: AlertState;
  level: string | null;
  at: number;
  observation: ObservationRecord;
}

export interface StoredSample {
  at: number;
  status: EvaluationStatus;
  value: string | null;
  calls: number | null;
}

/** At most this many rules in all: every one is evaluated after each sync, so their number is bounded. */
export const MAX_RULES = 200;

export class AlertStore {
  constructor(private readonly state: AppStateDb) {}

  private get db() {
    return this.state.db;
  }

  async listRules(kinds: readonly AlertKind[]): Promise<StoredRule[]> {
    if (kinds.length === 0) return [];
    const rows = await this.ruleQuery()
      .where('r.kind', 'in', [...kinds])
      .orderBy('r.id')
      .execute();
    return rows.map(toRule);
  }

  async enabledRules(): Promise<StoredRule[]> {
    const rows = await this.ruleQuery()
      .where('r.enabled', '=', this.state.bool(true))
      .orderBy('r.id')
      .execute();
    return rows.map(toRule);
  }

  async getRule(id: number): Promise<StoredRule | null> {
    const row = await this.ruleQuery().where('r.id', '=', id).executeTakeFirst();
    return row ? toRule(row) : null;
  }

  async countRules(): Promise<number> {
    return countRows(this.db, 'alert_rules');
  }

  async createRule(input: {
    definition: AlertRuleDefinition;
    kind: AlertKind;
    createdBy: string | null;
    now: number;
  }): Promise<number> {
    const { definition, kind, createdBy, now } = input;
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('alert_rules')
        .values({
          name: definition.name,
          metric: definition.metric,
          kind,
          definition: JSON.stringify(definition),
          enabled: this.state.bool(definition.enabled ?? true),
          created_by: createdBy,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = Number(row.id);
      await trx
        .insertInto('alert_states')
        .values({
          rule_id: id,
          state: 'ok',
          level: null,
          since: now,
          seq: 0,
          status: 'pending',
          evaluated_at: null,
          observation: null,
        })
        .execute();
      return id;
    });
  }

  async updateRule(
    id: number,
    input: { definition: AlertRuleDefinition; kind: AlertKind; now: number },
  ): Promise<void> {
    await this.db
      .updateTable('alert_rules')
      .set({
        name: input.definition.name,
        metric: input.definition.metric,
        kind: input.kind,
        definition: JSON.stringify(input.definition),
        enabled: this.state.bool(input.definition.enabled ?? true),
        updated_at: input.now,
      })
      .where('id', '=', id)
      .execute();
  }

  async deleteRule(id: number): Promise<boolean> {
    const result = await this.db.deleteFrom('alert_rules').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** What an evaluation saw, when the state does not change (no seq check: the last writer's view is as good). */
  async recordEvaluation(
    ruleId: number,
    status: EvaluationStatus,
    observation: ObservationRecord,
    at: number,
  ): Promise<void> {
    await this.db
      .updateTable('alert_states')
      .set({ status, evaluated_at: at, observation: JSON.stringify(observation) })
      .where('rule_id', '=', ruleId)
      .execute();
  }

  /**
   * Moves the rule from the state read at `fromSeq` to `next`, records the event and, in the same transaction,
   * whatever `onEvent` queues (deliveries). Returns the event, or null when another evaluator moved it first.
   */
  async recordTransition(
    rule: StoredRule,
    change: {
      fromSeq: number;
      next: { state: AlertState; level: string | null };
      at: number;
      observation: ObservationRecord;
    },
    onEvent: (trx: AppStateTransaction, event: StoredEvent) => Promise<void>,
  ): Promise<StoredEvent | null> {
    const observation = JSON.stringify(change.observation);
    return this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('alert_states')
        .set({
          state: change.next.state,
          level: change.next.level,
          since: change.at,
          seq: change.fromSeq + 1,
          status: change.observation.status,
          evaluated_at: change.at,
          observation,
        })
        .where('rule_id', '=', rule.id)
        .where('seq', '=', change.fromSeq)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return null;
      const row = await trx
        .insertInto('alert_events')
        .values({
          rule_id: rule.id,
          seq: change.fromSeq + 1,
          rule_name: rule.name,
          metric: rule.definition.metric,
          kind: rule.kind,
          state: change.next.state,
          previous_state: rule.state.state,
          level: change.next.level,
          at: change.at,
          observation,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const event: StoredEvent = {
        id: Number(row.id),
        ruleId: rule.id,
        seq: change.fromSeq + 1,
        ruleName: rule.name,
        metric: rule.definition.metric,
        kind: rule.kind,
        state: change.next.state,
        previousState: rule.state.state,
        level: change.next.level,
        at: change.at,
        observation: change.observation,
      };
      await onEvent(trx, event);
      return event;
    });
  }

  /** Keeps an evaluated value for the rule's chart, unless one was kept less than `minGapMs` ago. */
  async addSample(ruleId: number, sample: StoredSample, minGapMs: number): Promise<void> {
    const recent = await this.db
      .selectFrom('alert_samples')
      .select('at')
      .where('rule_id', '=', ruleId)
      .where('at', '>', sample.at - minGapMs)
      .limit(1)
      .executeTakeFirst();
    if (recent) return;
    await this.db
      .insertInto('alert_samples')
      .values({
        rule_id: ruleId,
        at: sample.at,
        status: sample.status,
        value: sample.value,
        calls: sample.calls,
      })
      .execute();
  }

  /** Adds measured points to the rule's chart (its history, measured when the rule was created or changed). */
  async addSamples(ruleId: number, samples: StoredSample[]): Promise<void> {
    if (samples.length === 0) return;
    await this.db
      .insertInto('alert_samples')
      .values(
        samples.map((s) => ({ rule_id: ruleId, at: s.at, status: s.status, value: s.value, calls: s.calls })),
      )
      .execute();
  }

  /** Forgets the rule's chart points: they measured what the rule said before it changed. */
  async deleteSamples(ruleId: number): Promise<void> {
    await this.db.deleteFrom('alert_samples').where('rule_id', '=', ruleId).execute();
  }

  async samples(ruleId: number, since: number, limit: number): Promise<StoredSample[]> {
    const rows = await this.db
      .selectFrom('alert_samples')
      .selectAll()
      .where('rule_id', '=', ruleId)
      .where('at', '>=', since)
      .orderBy('at', 'desc')
      .limit(limit)
      .execute();
    return rows
      .map((r) => ({
        at: Number(r.at),
        status: r.status as EvaluationStatus,
        value: r.value,
        calls: r.calls === null ? null : Number(r.calls),
      }))
      .reverse();
  }

  async pruneSamples(before: number): Promise<void> {
    await this.db.deleteFrom('alert_samples').where('at', '<', before).execute();
  }

  /** State changes, newest first, of the given kinds only. */
  async events(query: {
    kinds: readonly AlertKind[];
    ruleId?: number;
    before?: number;
    limit: number;
  }): Promise<StoredEvent[]> {
    if (query.kinds.length === 0) return [];
    let select = this.db
      .selectFrom('alert_events')
      .selectAll()
      .where('kind', 'in', [...query.kinds]);
    if (query.ruleId !== undefined) select = select.where('rule_id', '=', query.ruleId);
    if (query.before !== undefined) select = select.where('id', '<', query.before);
    const rows = await select.orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(toEvent);
  }

  /** The latest event of every rule firing now, of the given kinds. */
  async firing(kinds: readonly AlertKind[]): Promise<StoredEvent[]> {
    if (kinds.length === 0) return [];
    const rows = await this.db
      .selectFrom('alert_states as s')
      .innerJoin('alert_events as e', (join) =>
        join.onRef('e.rule_id', '=', 's.rule_id').onRef('e.seq', '=', 's.seq'),
      )
      .innerJoin('alert_rules as r', 'r.id', 's.rule_id')
      .selectAll('e')
      .where('s.state', '=', 'firing')
      .where('r.enabled', '=', this.state.bool(true))
      .where('e.kind', 'in', [...kinds])
      .orderBy('e.at', 'desc')
      .limit(MAX_RULES)
      .execute();
    return rows.map(toEvent);
  }

  private ruleQuery() {
    return this.db
      .selectFrom('alert_rules as r')
      .innerJoin('alert_states as s', 's.rule_id', 'r.id')
      .select([
        'r.id',
        'r.name',
        'r.kind',
        'r.definition',
        'r.enabled',
        'r.created_by',
        'r.created_at',
        'r.updated_at',
      ])
      .select(['s.state', 's.level', 's.since', 's.seq', 's.status', 's.evaluated_at', 's.observation']);
  }
}

interface RuleRow {
  id: number | string;
  name: string;
  kind: AlertKind;
  definition: string;
  enabled: number | boolean;
  created_by: string | null;
  created_at: number | string;
  updated_at: number | string;
  state: string;
  level: string | null;
  since: number | string;
  seq: number | string;
  status: string;
  evaluated_at: number | string | null;
  observation: string | null;
}

function toRule(row: RuleRow): StoredRule {
  return {
    id: Number(row.id),
    name: row.name,
    kind: row.kind,
    definition: JSON.parse(row.definition) as AlertRuleDefinition,
    enabled: row.enabled === true || row.enabled === 1,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    state: {
      state: row.state as AlertState,
      level: row.level,
      since: Number(row.since),
      seq: Number(row.seq),
      status: row.status as EvaluationStatus,
      evaluatedAt: row.evaluated_at === null ? null : Number(row.evaluated_at),
      observation: row.observation === null ? null : (JSON.parse(row.observation) as ObservationRecord),
    },
  };
}

function toEvent(row: Selectable<AppStateTables['alert_events']>): StoredEvent {
  return {
    id: Number(row.id),
    ruleId: Number(row.rule_id),
    seq: Number(row.seq),
    ruleName: row.rule_name,
    metric: row.metric as StoredEvent['metric'],
    kind: row.kind,
    state: row.state as AlertState,
    previousState: row.previous_state as AlertState,
    level: row.level,
    at: Number(row.at),
    observation: JSON.parse(row.observation) as ObservationRecord,
  };
}
