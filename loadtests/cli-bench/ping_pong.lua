-- 2*10^5 round trips between the main program and a coroutine (Lua has no channels:
-- a resume/yield pair is its round trip); prints 200000.
local echo = coroutine.wrap(function(v)
  while true do v = coroutine.yield(v + 1) end
end)
local v = 0
for _ = 1, 200000 do v = echo(v) end
print(v)
