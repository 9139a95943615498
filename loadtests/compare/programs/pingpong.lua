-- 200000 round trips between the main program and a coroutine: Lua has no channels or
-- scheduler, so one round trip is a resume carrying the value and a yield carrying it back + 1.
local pong = coroutine.wrap(function(v)
  while true do
    v = coroutine.yield(v + 1)
  end
end)
local v = 0
for _ = 1, 200000 do
  v = pong(v)
end
print(string.format("%d", v))
