-- wrk script of the serving benchmarks (serve-bench.sh, first-request.sh): POST runs of the
-- 10-node pipeline of ServeBench, each with its own order id, asking for the receipt.
local counter = 0
request = function()
  counter = counter + 1
  local body = '{"inputs":{"order_id":' .. counter .. '},"outputs":["receipt"]}'
  return wrk.format("POST", "/pipelines/__default__/runs", {["Content-Type"] = "application/json"}, body)
end
