-- End-to-end test of editors/nvim/dockpath.lua with the built server in a
-- headless Neovim 0.7. It opens a copy of a case folder whose Dockerfile has
-- a DP001 fault on line 11 and checks hover on PYTHONPATH. Then it applies
-- the quick fix the way a user would and checks that the fault is gone.
--
-- CTest runs it (see CMakeLists.txt here) with these environment variables:
--   DOCKPATH_BINARY       the dockpath executable
--   DOCKPATH_CASE         the case folder, copied to a temporary folder so
--                         that the test never modifies the repository
--   DOCKPATH_NVIM_CONFIG  editors/nvim/dockpath.lua
-- On success it exits 0. On failure it writes the reason to stderr and
-- exits 1. Every wait has a timeout, so a silent server fails the test
-- instead of hanging it.

-- Upper bound for each wait. It only stops a hung test and is not a
-- performance check.
local WAIT_TIMEOUT_MS = 20000

-- 0-based line of `ENV PYTHONPATH=/app`, which gets the DP001 diagnostic.
local FAULT_LINE = 10
local FAULT_CODE = 'DP001'
local FAULT_LINE_NAME = 'line ' .. (FAULT_LINE + 1)

local TestFailure = {}

local function fail(reason)
  error(setmetatable({ reason = reason }, TestFailure), 2)
end

local function check(condition, reason)
  if not condition then
    fail(reason)
  end
end

local function required_env(name)
  local value = os.getenv(name)
  check(value ~= nil and value ~= '', 'environment variable ' .. name .. ' is not set')
  return value
end

-- Returns the buffer's diagnostics whose code starts with "DP", the dockpath
-- rule ids.
local function dockpath_diagnostics(bufnr)
  local found = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    if type(diagnostic.code) == 'string' and diagnostic.code:match('^DP') then
      table.insert(found, diagnostic)
    end
  end
  return found
end

local function describe_diagnostics(diagnostics)
  if #diagnostics == 0 then
    return 'none'
  end
  local parts = {}
  for _, diagnostic in ipairs(diagnostics) do
    table.insert(parts, string.format('%s on line %d: %s', tostring(diagnostic.code),
      diagnostic.lnum + 1, diagnostic.message))
  end
  return table.concat(parts, '; ')
end

local function find_diagnostic(bufnr, code, lnum)
  for _, diagnostic in ipairs(dockpath_diagnostics(bufnr)) do
    if diagnostic.code == code and diagnostic.lnum == lnum then
      return diagnostic
    end
  end
  return nil
end

-- Copies the case folder to a new folder in Neovim's temporary folder, which
-- Neovim deletes on exit, and returns its path.
local function copy_case(case_dir)
  local work_dir = vim.fn.tempname()
  check(vim.fn.mkdir(work_dir, 'p') == 1, 'failed to create temporary folder ' .. work_dir)
  local output = vim.fn.system({ 'cp', '-R', case_dir .. '/.', work_dir })
  check(vim.v.shell_error == 0, 'failed to copy ' .. case_dir .. ' to ' .. work_dir .. ': ' .. output)
  return work_dir
end

-- Returns the single result of a buf_request_sync call to dockpath, or
-- fails with the error the server or the client reported.
local function request_sync(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, WAIT_TIMEOUT_MS)
  check(responses ~= nil, method .. ' failed: ' .. tostring(err))
  local _, response = next(responses)
  check(response ~= nil, method .. ' got no response')
  check(response.err == nil and response.error == nil,
    method .. ' returned an error: ' .. vim.inspect(response.err or response.error))
  return response.result
end

-- Returns the text of a Hover result, whatever form its contents take.
local function hover_text(hover)
  local contents = hover.contents
  if type(contents) == 'string' then
    return contents
  end
  if contents.value ~= nil then
    return contents.value
  end
  local parts = {}
  for _, item in ipairs(contents) do
    table.insert(parts, type(item) == 'string' and item or item.value)
  end
  return table.concat(parts, '\n')
end

local function check_hover_on_pythonpath(bufnr)
  -- Column 4 is the P of `ENV PYTHONPATH=/app`.
  vim.api.nvim_win_set_cursor(0, { FAULT_LINE + 1, 4 })
  local params = vim.lsp.util.make_position_params(0, 'utf-16')
  local hover = request_sync(bufnr, 'textDocument/hover', params)
  check(hover ~= nil, 'hover on PYTHONPATH (' .. FAULT_LINE_NAME .. ') returned no result')
  local text = hover_text(hover)
  check(text:find('sys.path', 1, true) ~= nil,
    'hover on PYTHONPATH (' .. FAULT_LINE_NAME .. ') does not mention sys.path: ' .. text)
end

-- Returns whether the action offers to fix a diagnostic with this code. An
-- action that lists no diagnostics counts, because the field is optional.
local function fixes_code(action, code)
  if action.diagnostics == nil or #action.diagnostics == 0 then
    return true
  end
  for _, diagnostic in ipairs(action.diagnostics) do
    if diagnostic.code == code then
      return true
    end
  end
  return false
end

-- Requests the code actions on the fault line with the context diagnostics
-- that vim.lsp.buf.code_action() builds, and returns the preferred quick fix
-- for FAULT_CODE.
local function request_quick_fix(bufnr)
  vim.api.nvim_win_set_cursor(0, { FAULT_LINE + 1, 0 })
  local params = vim.lsp.util.make_range_params(0, 'utf-16')
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr) }
  local actions = request_sync(bufnr, 'textDocument/codeAction', params)
  check(actions ~= nil and #actions > 0, 'no code actions on ' .. FAULT_LINE_NAME)

  local chosen = nil
  for _, action in ipairs(actions) do
    if action.kind == 'quickfix' and action.edit ~= nil and fixes_code(action, FAULT_CODE) then
      if chosen == nil or (action.isPreferred and not chosen.isPreferred) then
        chosen = action
      end
    end
  end
  check(chosen ~= nil, 'no quick fix with an edit for ' .. FAULT_CODE .. ' among: ' .. vim.inspect(actions))
  return chosen
end

local function run()
  local binary = required_env('DOCKPATH_BINARY')
  local case_dir = required_env('DOCKPATH_CASE')
  local config_file = required_env('DOCKPATH_NVIM_CONFIG')
  local work_dir = copy_case(case_dir)

  -- The server's latest published version, by URI. publishDiagnostics
  -- carries the document version it was computed for.
  local published_versions = {}
  local publish_diagnostics = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
    if result ~= nil then
      published_versions[result.uri] = result.version
    end
    return publish_diagnostics(err, result, ctx, config)
  end

  local dockpath = dofile(config_file)
  dockpath.setup({ cmd = { binary, '--stdio' } })

  -- nvim -u NONE runs with filetype detection off, so the filetype comes from
  -- the name patterns in dockpath.lua.
  local dockerfile = work_dir .. '/Dockerfile'
  vim.cmd('edit ' .. vim.fn.fnameescape(dockerfile))
  local bufnr = vim.api.nvim_get_current_buf()
  check(vim.bo[bufnr].filetype == 'dockerfile',
    'filetype of ' .. dockerfile .. ' is "' .. vim.bo[bufnr].filetype .. '", expected "dockerfile"')

  -- buf_get_clients lists a client only after its initialize request succeeds.
  local client = nil
  vim.wait(WAIT_TIMEOUT_MS, function()
    client = select(2, next(vim.lsp.buf_get_clients(bufnr)))
    return client ~= nil
  end, 50)
  check(client ~= nil, 'dockpath did not start and attach to ' .. dockerfile .. ' within '
    .. WAIT_TIMEOUT_MS .. ' ms')
  check(client.config.root_dir == work_dir,
    'root_dir is ' .. tostring(client.config.root_dir) .. ', expected ' .. work_dir)

  local found = vim.wait(WAIT_TIMEOUT_MS, function()
    return find_diagnostic(bufnr, FAULT_CODE, FAULT_LINE) ~= nil
  end, 50)
  check(found, 'no ' .. FAULT_CODE .. ' diagnostic on ' .. FAULT_LINE_NAME .. ' within ' .. WAIT_TIMEOUT_MS
    .. ' ms; diagnostics: ' .. describe_diagnostics(dockpath_diagnostics(bufnr)))

  check_hover_on_pythonpath(bufnr)

  local text_before = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, true), '\n')
  local action = request_quick_fix(bufnr)
  vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
  local text_after = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, true), '\n')
  check(text_after ~= text_before, 'quick fix "' .. action.title .. '" did not change the buffer')

  -- Neovim sends the edit in a didChange. Wait for the diagnostics computed
  -- for the buffer's current version, not for an earlier one.
  local uri = vim.uri_from_bufnr(bufnr)
  local republished = vim.wait(WAIT_TIMEOUT_MS, function()
    return published_versions[uri] == vim.lsp.util.buf_versions[bufnr]
  end, 50)
  check(republished, 'no diagnostics for version ' .. tostring(vim.lsp.util.buf_versions[bufnr])
    .. ' after the quick fix within ' .. WAIT_TIMEOUT_MS .. ' ms; last published version: '
    .. tostring(published_versions[uri]))

  local remaining = dockpath_diagnostics(bufnr)
  check(#remaining == 0, 'after quick fix "' .. action.title .. '" dockpath still reports: '
    .. describe_diagnostics(remaining) .. '\nbuffer:\n' .. text_after)
end

local ok, err = xpcall(run, function(error_value)
  if getmetatable(error_value) == TestFailure then
    return error_value.reason
  end
  return 'Lua error: ' .. debug.traceback(tostring(error_value), 2)
end)
if ok then
  io.stdout:write('nvim quick-fix test passed\n')
  vim.cmd('qall!')
else
  io.stderr:write('FAIL: ' .. err .. '\n')
  io.stderr:write('Neovim LSP log: ' .. vim.lsp.get_log_path() .. '\n')
  vim.cmd('cquit 1')
end
