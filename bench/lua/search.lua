-- (f) GET /api/v1/restaurants?q=… : the search API, standing in for the index page with
-- search, which does not exist yet. A mix of names, cuisines, cities and a miss.
local common = dofile("common.lua")
setup = common.setup
done = common.done
local queries = { "italian", "san%20francisco", "oyster", "berlin", "bar", "sushi", "grill", "new%20york", "thai", "zzz" }

function init(args)
  common.seed()
end

function request()
  return wrk.format("GET", "/api/v1/restaurants?q=" .. queries[math.random(#queries)])
end
