-- (g) GET /?date=…&partySize=2: the index page, a full page of restaurants each with its open
-- tables for the day. args: a file of dates (one a line). Counts statuses: a failing page must show.
local common = dofile("common.lua")
setup = common.setup
done = common.done
response = common.count
local dates

function init(args)
  common.seed()
  dates = common.lines(args[1])
end

function request()
  return wrk.format("GET", "/?date=" .. dates[math.random(#dates)] .. "&partySize=2")
end
