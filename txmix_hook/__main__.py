from txmix_hook.cli import main

main()
