-- (b) GET /api/v1/reservations/{id} on ids drawn at random from a file (one id a line).
local common = dofile("common.lua")
setup = common.setup
done = common.done
local ids

function init(args)
  common.seed()
  ids = common.lines(args[1])
end

function request()
  return wrk.format("GET", "/api/v1/reservations/" .. ids[math.random(#ids)])
end
