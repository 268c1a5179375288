-- (d) PUT /api/v1/reservations/{id}/status with a check-in. args: a file of reservation ids
-- that may check in now, and the thread count; every request goes to a different reservation.
local common = dofile("common.lua")
setup = common.setup
done = common.done
response = common.count
local ids, next_id = nil, 0

function init(args)
  ids = common.lines(args[1], tonumber(args[2]), thread_index)
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  next_id = next_id % #ids + 1
  return wrk.format("PUT", "/api/v1/reservations/" .. ids[next_id] .. "/status", nil, '{"status":1}')
end
