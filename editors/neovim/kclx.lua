-- kclx language server for Neovim.
--
-- Neovim 0.11+: put this file in your runtime path (for example
-- ~/.config/nvim/lsp/kclx.lua) and call vim.lsp.enable("kclx").
-- With nvim-lspconfig on older versions, pass the same table to
-- require("lspconfig.configs").kclx = { default_config = ... }.

vim.filetype.add({ extension = { k = "kcl" } })

return {
  cmd = { "kclx", "lsp" },
  filetypes = { "kcl" },
  root_markers = { "kcl.mod", "kcl.work", ".git" },
  settings = {
    kcl = { inlayHints = true },
  },
  on_attach = function(client, bufnr)
    if client.server_capabilities.inlayHintProvider then
      vim.lsp.inlay_hint.enable(true, { bufnr = bufnr })
    end
  end,
}
