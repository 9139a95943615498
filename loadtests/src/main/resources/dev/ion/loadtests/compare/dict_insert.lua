-- n inserts of fresh string keys "k0", "k1", ..., then the size plus the last value (2n - 1).
-- A Lua table keeps no count of its hash part, so the size is counted with pairs().
local d = {}
for i = 0, __N__ - 1 do
  d["k" .. i] = i
end
local size = 0
for _ in pairs(d) do size = size + 1 end
return size + d["k" .. (__N__ - 1)]
