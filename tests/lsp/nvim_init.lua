-- Headless Neovim driving the server (tests/test_lsp_neovim.py): start it on YAML/JSON buffers as the
-- README says, wait for the diagnostics, write them to $CFN_LINT_LSP_OUT and quit.
local config = {
  name = "cfn-lint-lambda-auth",
  cmd = { "cfn-lint-lambda-auth-lsp" }, -- the console script, found on PATH
  root_dir = vim.fn.getcwd(),
}

vim.api.nvim_create_autocmd("FileType", {
  pattern = { "yaml", "json" },
  callback = function(args)
    if vim.lsp.start then -- Neovim 0.8 and later: the README's snippet
      vim.lsp.start(config)
    else -- Neovim 0.7 (Debian 12's package): the same configuration, started by hand
      vim.lsp.buf_attach_client(args.buf, vim.lsp.start_client(config))
    end
  end,
})

vim.api.nvim_create_autocmd("VimEnter", {
  callback = function()
    local expected = tonumber(os.getenv("CFN_LINT_LSP_EXPECT"))
    vim.wait(60000, function()
      return #vim.diagnostic.get(0) >= expected
    end, 50)
    vim.wait(2000) -- cfn-lint's own stage publishes after this plugin's
    local lines = {}
    for _, d in ipairs(vim.diagnostic.get(0)) do
      local lsp = d.user_data and d.user_data.lsp or {}
      table.insert(lines, string.format("%d:%d %s %s %s", d.lnum + 1, d.col + 1, d.source, d.code or lsp.code, d.message))
    end
    table.sort(lines)
    vim.fn.writefile(lines, os.getenv("CFN_LINT_LSP_OUT"))
    vim.cmd("qa!")
  end,
})
