-- n pushes onto a list, then its length plus its last element (2n - 1).
local xs = {}
for i = 0, __N__ - 1 do
  xs[#xs + 1] = i
end
return #xs + xs[#xs]
