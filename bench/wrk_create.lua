-- POST /petitions, each request a new case: another person (identity number) and another of the
-- receiving communes in turn, as a day of intake across the country looks; one commune alone would
-- serialise the requests on its reference counter. No Idempotency-Key: every request is a create.
local units = {}
for id in string.gmatch(os.getenv("BENCH_CREATE_UNITS"), "[^,]+") do
  units[#units + 1] = id
end
local body = os.getenv("BENCH_CREATE_BODY")
local run = tonumber(os.getenv("BENCH_CREATE_RUN") or "0")
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

request = function()
  n = n + 1
  local person = string.format("%03d%09d", run % 1000, n)
  local filled = body:gsub("@UNIT@", units[(n % #units) + 1]):gsub("@PERSON@", person)
  return wrk.format(nil, nil, nil, filled)
end
