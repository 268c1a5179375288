-- (c) POST /api/v1/reservations. args: a file of "restaurantId<TAB>date<TAB>guestCount" open
-- seatings, all different, and the thread count; each thread books its own share in order.
local common = dofile("common.lua")
setup = common.setup
done = common.done
response = common.count
local targets, next_target = nil, 0
local first = { "Ada", "Grace", "Alan", "Barbara", "Donald", "Frances" }
local last = { "Lovelace", "Hopper", "Turing", "Liskov", "Knuth", "Allen" }
local phones = { "(415) 555-2671", "(212) 555-0147", "+1 646 555 3890", "312.555.0199" }

function init(args)
  common.seed()
  targets = common.lines(args[1], tonumber(args[2]), thread_index)
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  next_target = next_target % #targets + 1
  local target = common.split(targets[next_target])
  local body = string.format(
    '{"restaurantId":"%s","firstName":"%s","lastName":"%s","phone":"%s","email":"guest@example.com","date":"%s","guestCount":%s}',
    target[1], first[math.random(#first)], last[math.random(#last)], phones[math.random(#phones)], target[2], target[3])
  return wrk.format("POST", "/api/v1/reservations", nil, body)
end
