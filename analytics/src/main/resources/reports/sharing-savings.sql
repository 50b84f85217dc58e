-- How much memory does page sharing save, from zero pages, duplicates within VMs and across VMs?
-- One row per VM of every complete run and a '(host)' row with the run's totals, in MB at the run's last
-- interval: zero (all-zero pages), intra_vm (non-zero pages duplicating another page of the same VM),
-- inter_vm (the VM's share of non-zero contents held by several VMs of its salt group), potential (what
-- sharing could free, zero pages counted as one frame per salt group) and its mean over the intervals;
-- tps_saved (what TPS actually saved) at the end and averaged, NULL until the memory engine runs.
WITH complete AS (
  SELECT * FROM vm_intervals WHERE run_id IN (SELECT run_id FROM runs)
),
means AS (
  SELECT run_id, vm, avg(sharing_potential_pages) AS potential_mean, avg(shared_saved_pages) AS saved_mean
  FROM complete
  GROUP BY run_id, vm
),
last_interval AS (
  SELECT * FROM complete
  QUALIFY row_number() OVER (PARTITION BY run_id, vm ORDER BY interval_end_ns DESC) = 1
)
SELECT policy,
       run_id,
       vm,
       CASE WHEN GROUPING(vm) = 1 THEN '(host)' ELSE any_value(vm_name) END AS vm_name,
       round(pages_to_mb(sum(zero_pages)), 3) AS zero_mb,
       round(pages_to_mb(sum(intra_dup_pages)), 3) AS intra_vm_mb,
       round(pages_to_mb(sum(inter_dup_pages)), 3) AS inter_vm_mb,
       round(pages_to_mb(sum(sharing_potential_pages)), 3) AS potential_mb,
       round(pages_to_mb(sum(means.potential_mean)), 3) AS potential_mean_mb,
       round(pages_to_mb(sum(shared_saved_pages)), 3) AS tps_saved_mb,
       round(pages_to_mb(sum(means.saved_mean)), 3) AS tps_saved_mean_mb
FROM last_interval
JOIN means USING (run_id, vm)
GROUP BY GROUPING SETS ((policy, run_id, vm), (policy, run_id))
ORDER BY policy, run_id, vm NULLS LAST
