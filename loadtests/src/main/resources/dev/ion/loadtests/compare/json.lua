-- n records encoded to JSON and decoded back; then the text's length plus the sum of each
-- decoded record's id and tag count. Lua has no JSON library, so a small codec written in
-- Lua comes first (objects, arrays, strings with the common escapes, numbers, booleans, null);
-- a table with a [1] is encoded as an array. Object keys come out in Lua's table order.
local json = {}

local escapes = { ['"'] = '\\"', ['\\'] = '\\\\', ['\b'] = '\\b', ['\f'] = '\\f',
                  ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t' }

local function encode_value(v, out)
  local t = type(v)
  if t == "table" then
    if v[1] ~= nil then
      out[#out + 1] = "["
      for i = 1, #v do
        if i > 1 then out[#out + 1] = "," end
        encode_value(v[i], out)
      end
      out[#out + 1] = "]"
    else
      out[#out + 1] = "{"
      local first = true
      for k, x in pairs(v) do
        if not first then out[#out + 1] = "," end
        first = false
        encode_value(tostring(k), out)
        out[#out + 1] = ":"
        encode_value(x, out)
      end
      out[#out + 1] = "}"
    end
  elseif t == "string" then
    out[#out + 1] = '"' .. v:gsub('[%c"\\]', function(c)
      return escapes[c] or string.format("\\u%04x", c:byte())
    end) .. '"'
  elseif t == "number" then
    if v == math.floor(v) then out[#out + 1] = string.format("%d", v)
    else out[#out + 1] = string.format("%.17g", v) end
  elseif t == "boolean" then
    out[#out + 1] = v and "true" or "false"
  elseif v == nil then
    out[#out + 1] = "null"
  else
    error("cannot encode a " .. t)
  end
end

function json.encode(v)
  local out = {}
  encode_value(v, out)
  return table.concat(out)
end

local decode_value

local function skip(s, i)
  return s:find("[^ \t\r\n]", i) or #s + 1
end

local unescapes = { b = "\b", f = "\f", n = "\n", r = "\r", t = "\t", ['"'] = '"', ['\\'] = '\\', ['/'] = '/' }

local function decode_string(s, i)
  -- i is just past the opening quote
  local parts, j = {}, i
  while true do
    local k = s:find('["\\]', j)
    if not k then error("unterminated string at " .. i) end
    parts[#parts + 1] = s:sub(j, k - 1)
    if s:sub(k, k) == '"' then return table.concat(parts), k + 1 end
    local e = s:sub(k + 1, k + 1)
    if e == "u" then
      local code = tonumber(s:sub(k + 2, k + 5), 16)
      if code < 128 then parts[#parts + 1] = string.char(code)
      elseif code < 2048 then
        parts[#parts + 1] = string.char(192 + math.floor(code / 64), 128 + code % 64)
      else
        parts[#parts + 1] = string.char(224 + math.floor(code / 4096),
          128 + math.floor(code / 64) % 64, 128 + code % 64)
      end
      j = k + 6
    else
      parts[#parts + 1] = unescapes[e] or error("bad escape \\" .. e)
      j = k + 2
    end
  end
end

function decode_value(s, i)
  i = skip(s, i)
  local c = s:sub(i, i)
  if c == "{" then
    local obj = {}
    i = skip(s, i + 1)
    if s:sub(i, i) == "}" then return obj, i + 1 end
    while true do
      if s:sub(i, i) ~= '"' then error("expected a key at " .. i) end
      local key
      key, i = decode_string(s, i + 1)
      i = skip(s, i)
      if s:sub(i, i) ~= ":" then error("expected ':' at " .. i) end
      obj[key], i = decode_value(s, i + 1)
      i = skip(s, i)
      c = s:sub(i, i)
      if c == "}" then return obj, i + 1 end
      if c ~= "," then error("expected ',' or '}' at " .. i) end
      i = skip(s, i + 1)
    end
  elseif c == "[" then
    local arr, n = {}, 0
    i = skip(s, i + 1)
    if s:sub(i, i) == "]" then return arr, i + 1 end
    while true do
      n = n + 1
      arr[n], i = decode_value(s, i)
      i = skip(s, i)
      c = s:sub(i, i)
      if c == "]" then return arr, i + 1 end
      if c ~= "," then error("expected ',' or ']' at " .. i) end
      i = i + 1
    end
  elseif c == '"' then
    return decode_string(s, i + 1)
  elseif s:find("^true", i) then
    return true, i + 4
  elseif s:find("^false", i) then
    return false, i + 5
  elseif s:find("^null", i) then
    return nil, i + 4
  else
    local num = s:match("^-?%d+%.?%d*[eE]?[-+]?%d*", i)
    if not num or num == "" then error("unexpected character at " .. i) end
    return tonumber(num), i + #num
  end
end

function json.decode(s)
  local v, i = decode_value(s, 1)
  if skip(s, i) <= #s then error("trailing characters at " .. i) end
  return v
end

local docs = {}
for i = 0, __N__ - 1 do
  docs[i + 1] = { id = i, name = "item" .. i, tags = { "a", "b" }, ok = i % 2 == 0 }
end
local s = json.encode(docs)
local back = json.decode(s)
local total = 0
for _, r in ipairs(back) do
  total = total + r.id + #r.tags
end
return #s + total
