-- Headless Neovim driving the server (tests/test_lsp_neovim.py): run the README's snippet (the test
-- extracts it from README.md into $CFN_LINT_LSP_SNIPPET), wait for the diagnostics, write them to
-- $CFN_LINT_LSP_OUT and quit.
dofile(os.getenv("CFN_LINT_LSP_SNIPPET"))

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
