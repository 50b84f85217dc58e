-- Reclamation compared across policies, one row per VM and policy (complete runs only): stall time in ms
-- (total), and in MB averaged over the intervals what sharing saved the VM, what was ballooned,
-- compressed and swapped, and what it consumed.
SELECT vm_name AS vm,
       policy,
       sum(stall_ns) / 1000000 AS stall_ms,
       pages_to_mb(avg(shared_saved_pages)) AS shared_saved,
       pages_to_mb(avg(ballooned_pages)) AS ballooned,
       pages_to_mb(avg(compressed_pages)) AS compressed,
       pages_to_mb(avg(swapped_pages)) AS swapped,
       pages_to_mb(avg(consumed_pages)) AS consumed
FROM vm_intervals
WHERE run_id IN (SELECT run_id FROM runs)
GROUP BY vm_name, policy
ORDER BY vm_name, policy
