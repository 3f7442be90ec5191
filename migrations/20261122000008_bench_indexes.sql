-- Follow-ups of one round. The dashboard's completion count, its decisions waiting and its good
-- stories, and the round pages ask for a round's follow-ups; the only indexes starting with the
-- round were partial (one per sub-goal / initiative), so those queries read every follow-up of the
-- municipality. Found by scripts/bench (docs/benchmark.md).
CREATE INDEX followups_round ON followups (tenant_id, round_id);
