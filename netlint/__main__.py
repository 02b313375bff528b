from netlint.cli import main

main()
