-- The issue's while-loop: s = s + i % 7, 3*10^7 times (Lua 5.4 integers are 64-bit).
local s = 0
local i = 0
while i < 30000000 do
  s = s + i % 7
  i = i + 1
end
print(s)
