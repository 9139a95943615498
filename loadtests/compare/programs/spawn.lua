-- Create 100000 coroutines, then resume each one to its end and sum the results: Lua has no
-- scheduler, so a coroutine stands for a task and resuming it for awaiting it.
local function one(i) return i end
local tasks = {}
for i = 0, 100000 - 1 do
  tasks[i + 1] = coroutine.create(one)
end
local total = 0
for i = 1, #tasks do
  local ok, v = coroutine.resume(tasks[i], i - 1)
  if not ok then error(v) end
  total = total + v
end
print(string.format("%d", total))
