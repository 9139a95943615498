-- n closures made and called once each.
local function make_adder(k) return function(x) return x + k end end
local acc = 0
for i = 0, __N__ - 1 do
  local add = make_adder(i % 100)
  acc = (acc + add(i)) % 1000003
end
return acc
