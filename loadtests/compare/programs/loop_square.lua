-- A 3*10^7-iteration while-loop of integer arithmetic, total += (i * i) % 7 (loop is s = s + i % 7;
-- Lua 5.4 integers are 64-bit).
local total = 0
local i = 0
while i < 30000000 do
  total = total + (i * i) % 7
  i = i + 1
end
print(total)
