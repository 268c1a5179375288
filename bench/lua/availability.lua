-- (e) GET /api/v1/restaurants/{id}/availability for 2 on a random "restaurantId<TAB>date" line.
local common = dofile("common.lua")
setup = common.setup
done = common.done
local days

function init(args)
  common.seed()
  days = common.lines(args[1])
end

function request()
  local day = common.split(days[math.random(#days)])
  return wrk.format("GET", "/api/v1/restaurants/" .. day[1] .. "/availability?date=" .. day[2] .. "&partySize=2")
end
