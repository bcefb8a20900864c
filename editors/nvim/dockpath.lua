-- Starts the dockpath language server for Dockerfiles with Neovim's built-in
-- LSP client and no plugins. Written for and tested with Neovim 0.7.2.
--
-- Install: copy this file to ~/.config/nvim/lua/dockpath.lua and add to
-- init.lua
--
--   require('dockpath').setup()
--
-- which runs `dockpath --stdio --log-level=error` from PATH. Options, all
-- optional:
--
--   require('dockpath').setup({
--     cmd = { '/opt/dockpath/bin/dockpath', '--stdio' },
--     on_attach = function(client, bufnr) ... end,
--     capabilities = vim.lsp.protocol.make_client_capabilities(),
--   })
--
-- It uses vim.lsp.start_client and vim.lsp.buf_attach_client because
-- Neovim 0.7 has no vim.lsp.start. One server runs per folder that contains
-- an open Dockerfile, with that folder as root_dir. It is also the build
-- context dockpath checks COPY sources and .dockerignore against.

local M = {}

local defaults = {
  -- Neovim 0.7 logs each stderr line of a server as an error, so only
  -- dockpath's errors are written there.
  cmd = { 'dockpath', '--stdio', '--log-level=error' },
  on_attach = nil,
  capabilities = nil,
}

local options = vim.deepcopy(defaults)

-- Client ids of the running servers, by root_dir.
local clients_by_root = {}

local augroup_name = 'dockpath'

-- Neovim's own filetype detection (filetype.vim in 0.7) sets "dockerfile"
-- for these names too. These patterns cover sessions where detection is
-- off, for example `nvim -u NONE`.
local dockerfile_patterns = { 'Dockerfile', '*.Dockerfile', 'Dockerfile.*' }

-- Returns whether the buffer is a Dockerfile that dockpath should analyse.
-- Neovim's Dockerfile.* pattern also matches Dockerfile.dockerignore, the
-- per-Dockerfile ignore file of BuildKit, which is not a Dockerfile.
local function is_dockerfile_buffer(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  return name:match('%.dockerignore$') == nil
end

-- Returns the folder of the buffer's file, or the current directory for a
-- buffer without a file name.
local function root_dir_of(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' then
    return vim.fn.getcwd()
  end
  return vim.fn.fnamemodify(name, ':p:h')
end

-- Returns the id of the running client for root_dir, starting one if there
-- is none. Returns nil when the server could not be started.
local function client_for_root(root_dir)
  local client_id = clients_by_root[root_dir]
  if client_id then
    local client = vim.lsp.get_client_by_id(client_id)
    if client and not client.is_stopped() then
      return client_id
    end
    clients_by_root[root_dir] = nil
  end

  client_id = vim.lsp.start_client({
    name = 'dockpath',
    cmd = options.cmd,
    root_dir = root_dir,
    capabilities = options.capabilities,
    on_attach = options.on_attach,
    on_exit = function()
      clients_by_root[root_dir] = nil
    end,
  })
  if client_id == nil then
    vim.notify(
      'dockpath: failed to start ' .. table.concat(options.cmd, ' ')
        .. '. Set cmd in require("dockpath").setup() to the dockpath binary.',
      vim.log.levels.ERROR
    )
    return nil
  end
  clients_by_root[root_dir] = client_id
  return client_id
end

-- Attaches dockpath to the buffer. Attaching twice is harmless, because
-- vim.lsp.buf_attach_client ignores a client already attached.
function M.attach(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  if not is_dockerfile_buffer(bufnr) then
    return nil
  end
  local client_id = client_for_root(root_dir_of(bufnr))
  if client_id then
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
  return client_id
end

-- Sets the options and creates the autocommands. Calling setup again
-- replaces both, but servers already running keep their old command.
function M.setup(user_options)
  options = vim.tbl_deep_extend('force', vim.deepcopy(defaults), user_options or {})
  if type(options.cmd) ~= 'table' or #options.cmd == 0 then
    error('dockpath: cmd must be a list such as { "dockpath", "--stdio" }')
  end

  local group = vim.api.nvim_create_augroup(augroup_name, { clear = true })
  vim.api.nvim_create_autocmd({ 'BufNewFile', 'BufRead' }, {
    group = group,
    pattern = dockerfile_patterns,
    callback = function(event)
      if vim.bo[event.buf].filetype == '' and is_dockerfile_buffer(event.buf) then
        vim.bo[event.buf].filetype = 'dockerfile'
      end
    end,
  })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = 'dockerfile',
    callback = function(event)
      M.attach(event.buf)
    end,
  })
end

return M
